// The identity team's file: the credential for Flux on the cluster whose issuer it is given.
param issuer string

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'flux-credential-elsewhere'
}

resource credential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: fluxIdentity
  name: 'flux'
  properties: {
    issuer: issuer
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: ['api://AzureADTokenExchange']
  }
}
