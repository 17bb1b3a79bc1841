// PL104 fires: provider 'Azure' with URLs it cannot authenticate to.
var org = 'contoso'

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource ssh 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'ssh'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL104 error 12-58
      url: 'git@ssh.dev.azure.com:v3/${org}/infra/config'
      provider: 'Azure'
    }
  }
}

resource github 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'github'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL104 error 12-47
      url: 'https://github.com/contoso/config'
      provider: 'Azure'
    }
  }
}

resource legacyHost 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'legacy'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL104 warning 12-64
      url: 'https://contoso.visualstudio.com/infra/_git/config'
      provider: 'Azure'
    }
  }
}

resource notGit 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'not-git'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL104 error 12-62
      url: 'https://dev.azure.com/contoso/infra/_wiki/config'
      provider: 'Azure'
    }
  }
}

// A page of the repository in the browser, not the repository.
resource browserUrl 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'browser-url'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL104 error 12-81
      url: 'https://dev.azure.com/contoso/infra/_git/config?path=/clusters/prod'
      provider: 'Azure'
    }
  }
}
