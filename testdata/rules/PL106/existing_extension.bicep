// PL106 stays silent: an `existing` extension says one is installed outside this code
// (its type is not written, and may be microsoft.flux).
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks1'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}
resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' existing = {
  name: 'flux'
  scope: aks
}
resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
    }
  }
  dependsOn: [ flux ]
}
