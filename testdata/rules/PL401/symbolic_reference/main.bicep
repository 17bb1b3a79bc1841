// A module compiled to languageVersion 2.0 (as Bicep and every registry module
// are) names its resources by symbolic name: reference('userAssignedIdentity')
// is the identity it declares, whose client id the extension gets. It has no
// federated credential.
module identity 'identity.json' = {
  name: 'identity'
  params: {
    name: 'id-flux-symbolic'
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' = {
  name: 'aks-symbolic'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      // expect: PL401 error 41-66
      'workloadIdentity.azureClientId': identity.outputs.clientId
    }
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  scope: aks
  name: 'cluster-config'
  dependsOn: [ flux ]
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}
