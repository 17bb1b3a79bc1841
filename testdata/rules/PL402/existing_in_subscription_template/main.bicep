// A subscription's template: one module per concern, both scoped to the resource
// group it makes, where Flux's identity already is.
targetScope = 'subscription'

resource platform 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-platform'
  location: 'westeurope'
}

module cluster 'cluster.bicep' = {
  name: 'cluster'
  scope: platform
}

module credential 'credential.bicep' = {
  name: 'flux-credential'
  scope: platform
  params: {
    identityName: 'id-flux'
    issuer: cluster.outputs.issuer
  }
}
