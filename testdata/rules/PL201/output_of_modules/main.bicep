// PL201 fires on a version that comes from a module's output, which comes from
// that module's own module: files outside the chain, read for their outputs.
module versions './versions.bicep' = {
  name: 'versions'
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    // expect: PL201 error 14-35
    version: versions.outputs.flux
  }
}
