// PL301 fires across a module: flux.bicep puts the extension on the cluster declared here.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-main'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  // expect: PL301 error 3-13
  properties: {
    dnsPrefix: 'aks-main'
    kubernetesVersion: '1.32.5'
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

module flux './flux.bicep' = {
  name: 'flux'
  params: {
    clusterName: aks.name
  }
}
