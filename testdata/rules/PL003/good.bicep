// PL003 stays silent: the suppression covers a finding.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

// patless-disable-next-line PL101 pinned until the platform team moves the API
resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2023-05-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://github.com/contoso/config'
    }
  }
}
