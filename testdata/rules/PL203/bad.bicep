// PL203 fires: Azure-provider configurations whose extension is not set up for workload identity.
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
      // expect: PL203 error 7-33
      'workloadIdentity.enabled': 'true'
      // expect: PL203 error 7-34
      'workloadIdentity.clientId': uami.properties.clientId
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
    configurationSettings: {
      // expect: PL203 error 34-41
      'workloadIdentity.enable': 'false'
      'workloadIdentity.azureClientId': uami.properties.clientId
    }
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
