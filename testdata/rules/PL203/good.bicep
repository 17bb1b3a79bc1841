// PL203 stays silent: settings right, settings unknown, or no Azure-provider configuration.
param settings object
resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'flux-id'
}

resource aks1 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource flux1 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks1
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': uami.properties.clientId
    }
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

resource aks2 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks2'
}

resource flux2 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks2
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: settings
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

resource aks3 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks3'
}

resource flux3 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks3
  properties: {
    extensionType: 'microsoft.flux'
  }
}

resource config3 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks3
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
    }
  }
}
