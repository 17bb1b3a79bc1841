// PL102 fires through a JSON parameters file named after the Bicep file
// (az deployment group create -f main.bicep -p main.parameters.json).
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
