// PL106 stays silent: the cluster's microsoft.flux extension is in an ARM template
// (flux.json), which names the cluster. A pre-commit run naming this file reads it too.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-with-arm-extension'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
    }
  }
}
