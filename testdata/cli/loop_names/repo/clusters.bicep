// Three clusters from one declaration: one finding names all three.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = [for i in range(0, 3): {
  name: 'aks-${i}'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}]

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = [for i in range(0, 3): {
  name: 'flux'
  scope: aks[i]
  properties: {
    extensionType: 'microsoft.flux'
  }
}]
