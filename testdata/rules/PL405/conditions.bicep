// Conditions on federated credentials: PL405 reports what runs at once whenever
// it is deployed, not what a condition patless cannot decide may keep apart.
param useNewCluster bool
param extraWorkloads bool

var workloads = [
  { name: 'web', enabled: true }
  { name: 'api', enabled: false }
  { name: 'jobs', enabled: true }
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'apps-id'
  location: 'westeurope'
}

// One or the other, never both: silent.
resource oldCluster 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = if (!useNewCluster) {
  parent: identity
  name: 'old-cluster'
  properties: {
    issuer: 'https://old.issuer.example.com/'
    subject: 'system:serviceaccount:apps:web'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
resource newCluster 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = if (useNewCluster) {
  parent: identity
  name: 'new-cluster'
  properties: {
    issuer: 'https://new.issuer.example.com/'
    subject: 'system:serviceaccount:apps:web'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}

resource identity2 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'apps-id-2'
  location: 'westeurope'
}

// Two items enabled: both written at once (fires).
// expect: PL405 warning 1-21
resource enabledOnly 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for w in workloads: if (w.enabled) {
  parent: identity2
  name: w.name
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:${w.name}'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}]

resource identity3 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'apps-id-3'
  location: 'westeurope'
}

// Only the first item enabled: one credential (silent).
resource firstOnly 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for (w, i) in workloads: if (i == 0) {
  parent: identity3
  name: w.name
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:${w.name}'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}]

resource identity4 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'apps-id-4'
  location: 'westeurope'
}

// One condition for the whole loop: when it holds, all three are written at once (fires).
// expect: PL405 warning 1-19
resource whenExtra 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for w in workloads: if (extraWorkloads) {
  parent: identity4
  name: w.name
  properties: {
    issuer: 'https://issuer.example.com/'
    subject: 'system:serviceaccount:apps:${w.name}'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}]

resource identity5 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'apps-id-5'
  location: 'westeurope'
}

// Always the first; the second when the green cluster is deployed: then both at
// once (fires, at the second).
resource blue 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: identity5
  name: 'blue'
  properties: {
    issuer: 'https://blue.issuer.example.com/'
    subject: 'system:serviceaccount:apps:web'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
// expect: PL405 warning 1-15
resource green 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = if (useNewCluster) {
  parent: identity5
  name: 'green'
  properties: {
    issuer: 'https://green.issuer.example.com/'
    subject: 'system:serviceaccount:apps:web'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
