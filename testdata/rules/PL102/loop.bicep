// Flux configurations in a loop over repositories patless knows: one for each, and
// the Azure DevOps one without provider 'Azure' is reported where the loop writes
// the URL (fires). A loop over a parameter without default stays unknown (silent).
param moreRepositories array

var repositories = [
  { name: 'apps', url: 'https://github.com/contoso/apps', provider: 'Generic' }
  { name: 'infra', url: 'https://dev.azure.com/contoso/platform/_git/infra', provider: 'Generic' }
]

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks-loop'
}

resource configs 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = [for r in repositories: {
  name: r.name
  scope: aks
  properties: {
    gitRepository: {
      url: r.url
      // expect: PL102 error 17-27
      provider: r.provider
    }
  }
}]

resource more 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = [for r in moreRepositories: {
  name: r.name
  scope: aks
  properties: {
    gitRepository: {
      url: r.url
      provider: r.provider
    }
  }
}]
