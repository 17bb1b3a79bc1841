// PL101 fires: fluxConfigurations API versions that have no gitRepository.provider.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

// expect: PL101 error 74-84
resource adoConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2023-05-01' = {
  name: 'ado'
  scope: aks
  properties: {
    sourceKind: 'GitRepository'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}

// A -preview of the same date is older than the GA.
// expect: PL101 error 78-96
resource previewConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01-preview' = {
  name: 'preview'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}

// provider 'GitHub' needs 2025-04-01.
// expect: PL101 error 77-87
resource githubConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'gh'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
      provider: 'GitHub'
    }
  }
}

// Not Azure DevOps and no provider: a warning.
// expect: PL101 warning 76-86
resource otherConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2023-05-01' = {
  name: 'other'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
    }
  }
}

// sourceKind names Git in another case: still a Git repository.
// expect: PL101 error 79-89
resource miscasedConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2023-05-01' = {
  name: 'miscased'
  scope: aks
  properties: {
    sourceKind: 'gitRepository'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}
