// Deployed to prod's resource group only.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks-platform'
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    version: '1.15.1'
  }
}
