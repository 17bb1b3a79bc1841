// PL405 fires: federated credentials of one identity written in parallel.
param workloads array = [
  'web'
  'api'
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'apps-id'
  location: 'westeurope'
}

// expect: PL405 warning 1-21
resource perWorkload 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for w in workloads: {
  parent: identity
  name: w
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:${w}'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}]

// expect: PL405 warning 1-18
resource numbered 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for i in range(0, 3): {
  parent: identity
  name: 'numbered-${i}'
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:numbered-${i}'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
  dependsOn: [ perWorkload ]
}]

resource first 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: identity
  name: 'first'
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:first'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
  dependsOn: [ numbered ]
}

// expect: PL405 warning 1-16
resource second 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: identity
  name: 'second'
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:second'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
