// PL102 fires through a base parameter file: main.bicepparam extends
// shared.bicepparam, which sets the Azure DevOps URL; nothing sets the provider,
// so the template's default 'Generic' stands.
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
      // expect: PL102 error 17-25
      provider: provider
    }
  }
}
