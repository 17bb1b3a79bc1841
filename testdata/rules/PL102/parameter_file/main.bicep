// PL102 fires through a parameter file: main.bicepparam sets the Azure DevOps URL.
param repoUrl string

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL102 error 12-19
      url: repoUrl
    }
  }
}
