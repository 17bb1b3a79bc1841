// PL102 fires: Azure DevOps repositories pulled without provider 'Azure'.
param repoUrl string = 'https://dev.azure.com/contoso/infra/_git/config'
var org = 'contoso'

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource noProvider 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'no-provider'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL102 error 12-19
      url: repoUrl
    }
  }
}

resource generic 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'generic'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://${org}@dev.azure.com/${org}/infra/_git/config'
      // expect: PL102 error 17-26
      provider: 'Generic'
    }
  }
}

resource legacyHost 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'legacy'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL102 error 12-64
      url: 'https://contoso.visualstudio.com/infra/_git/config'
    }
  }
}

resource ssh 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'ssh'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL102 warning 12-59
      url: 'git@ssh.dev.azure.com:v3/contoso/infra/config'
    }
  }
}
