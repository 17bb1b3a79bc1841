// Read for context only: its own finding (PL202, a pin that auto-upgrade does not
// honour) is not reported, as the file scanned only deploys it.
param clusterName string

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: clusterName
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    version: '1.14.1'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
    }
  }
}
