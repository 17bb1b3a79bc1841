// PL103 fires: provider values that are not exactly Azure, Generic or GitHub.
param provider string = 'azure'

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource miscased 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'miscased'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      // expect: PL103 warning 17-24
      provider: 'AZURE'
    }
  }
}

resource fromParameter 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'from-parameter'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      // expect: PL103 warning 17-25
      provider: provider
    }
  }
}

resource unknownValue 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'unknown-value'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
      // expect: PL103 warning 17-29
      provider: 'WorkloadId'
    }
  }
}
