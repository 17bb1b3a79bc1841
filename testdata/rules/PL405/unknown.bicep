// PL405 stays silent: loops over a list patless cannot know may write one credential, or none.
param workloads array

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'apps-id'
  location: 'westeurope'
}

resource perWorkload 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for w in workloads: {
  parent: identity
  name: w
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:${w}'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}]
