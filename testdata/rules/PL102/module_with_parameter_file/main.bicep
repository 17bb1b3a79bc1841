// flux.bicep is a module here, with a GitHub URL: no finding from this deployment.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

module flux './flux.bicep' = {
  name: 'flux'
  params: {
    clusterName: aks.name
    repoUrl: 'https://github.com/contoso/config'
  }
}
