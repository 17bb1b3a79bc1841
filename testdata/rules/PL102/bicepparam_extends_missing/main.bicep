// PL102 stays silent: main.bicepparam extends a file that is not in the scan,
// which may set the provider: unknown, not the template's default 'Generic'.
param repoUrl string
param provider string = 'Generic'

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: repoUrl
      provider: provider
    }
  }
}
