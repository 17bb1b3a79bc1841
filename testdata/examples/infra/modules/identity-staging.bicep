// The user-assigned identity Flux's source-controller runs as, federated with the cluster.
param location string
param issuerUrl string

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-staging'
  location: location
}

resource federation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: fluxIdentity
  name: 'flux-source-controller'
  properties: {
    issuer: issuerUrl
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: [
      'api://AzureADTokenExchange'
    ]
  }
}

output clientId string = fluxIdentity.properties.clientId
