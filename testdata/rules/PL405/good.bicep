// PL405 stays silent: a serial loop, and a dependsOn chain.
param workloads array = [
  'web'
  'api'
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'apps-id'
  location: 'westeurope'
}

@batchSize(1)
resource perWorkload 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for w in workloads: {
  parent: identity
  name: w
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:${w}'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}]

resource first 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: identity
  name: 'first'
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:first'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
  dependsOn: [ perWorkload ]
}

resource second 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: identity
  name: 'second'
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:second'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
  dependsOn: [ first ]
}
