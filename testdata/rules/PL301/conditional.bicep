// PL301 stays silent: the extension is deployed only if a condition holds that
// is known false, or that patless cannot decide.
param fluxAddon bool = false
param fluxChoice bool

resource offByDefault 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-off'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {}
}

resource fluxOff 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = if (fluxAddon) {
  name: 'flux'
  scope: offByDefault
  properties: { extensionType: 'microsoft.flux' }
}

resource undecided 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-undecided'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {}
}

resource fluxMaybe 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = if (fluxChoice) {
  name: 'flux'
  scope: undecided
  properties: { extensionType: 'microsoft.flux' }
}
