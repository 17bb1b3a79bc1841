// a.bicep deploys b.bicep, which deploys a.bicep: patless follows the cycle once, not forever.
param depth int = 0

module b './b.bicep' = {
  name: 'b'
  params: {
    depth: depth + 1
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
    }
  }
}
