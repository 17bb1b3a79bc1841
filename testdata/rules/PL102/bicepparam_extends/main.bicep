// PL102 stays silent on the provider and fires on nothing: main.bicepparam sets
// the Azure DevOps URL and extends shared.bicepparam, which may set the provider
// (it does). patless does not follow `extends`, so a parameter the file itself
// does not set is unknown, not its default 'Generic'.
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
