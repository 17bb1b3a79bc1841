// An application's template, deployed on its own, adds a credential to the same
// identity: when it runs is not this template's to say (silent).
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks-separate'
}

resource sharedIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-flux-separate'
}

resource ordersCredential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: sharedIdentity
  name: 'orders'
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:shop:orders'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
