// Settings put together with spreads. `...extra` of a parameter without default
// may hold both keys: silent. A spread of known objects is read whole: the
// second extension lacks the client id. A key written with interpolation may be
// either key: silent.
param extra object
param clientIdKey string

var common = {
  'image-automation-controller.enabled': 'true'
}
var workloadIdentity = {
  'workloadIdentity.enable': 'true'
}

resource aks1 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: 'aks-spread1'
}

resource flux1 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks1
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: { ...common, ...extra }
  }
}

resource config1 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks1
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}

resource aks2 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: 'aks-spread2'
}

resource flux2 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks2
  properties: {
    extensionType: 'microsoft.flux'
    // expect: PL203 error 5-26
    configurationSettings: { ...common, ...workloadIdentity }
  }
}

resource config2 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks2
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}

resource aks3 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: 'aks-spread3'
}

resource flux3 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks3
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      '${clientIdKey}': '00000000-0000-0000-0000-000000000000'
    }
  }
}

resource config3 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks3
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}
