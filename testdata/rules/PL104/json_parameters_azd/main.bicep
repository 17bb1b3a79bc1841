// azd (the Azure Developer CLI) fills ${VARIABLE} in main.parameters.json from its
// environment before it deploys: the URL is unknown, nothing is reported.
param repoUrl string
param httpsUser string = ''

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: repoUrl
      provider: 'Azure'
      httpsUser: httpsUser
    }
  }
}
