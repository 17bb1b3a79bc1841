param identityName string
param issuer string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource credential 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: identity
  name: 'flux'
  properties: {
    issuer: issuer
    // expect: PL402 error 14-66
    subject: 'system:serviceaccount:flux-system:source-controler'
    audiences: ['api://AzureADTokenExchange']
  }
}
