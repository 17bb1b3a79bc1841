// The extension of the cluster this configuration pulls with provider 'Azure' is
// in an ARM template (flux.json), which names the cluster: its PL203 points here
// too, in the whole scan and in a pre-commit run naming this file (fuzz_pipeline).
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks-with-arm-settings'
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
    }
  }
}
