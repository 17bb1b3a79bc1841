// PL405 stays silent: a batch size patless cannot know (a parameter without a
// default) may be 1, and the loop then writes one credential at a time.
param batch int

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'apps-id'
  location: 'westeurope'
}

@batchSize(batch)
resource perWorkload 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for w in ['web', 'api', 'jobs']: {
  parent: identity
  name: w
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:${w}'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}]
