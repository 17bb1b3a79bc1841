// A module of main.bicep, and deployed on its own by flux.bicepparam (its
// `using`): that deployment's Azure DevOps URL without provider is PL102.
param clusterName string
param repoUrl string

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: clusterName
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
