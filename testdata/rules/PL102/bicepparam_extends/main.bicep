// PL102 stays silent: main.bicepparam extends shared.bicepparam, which sets the
// provider (and the URL, from a variable of its own). A parameter the extending
// file does not set comes from its base, evaluated in the base's file.
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
