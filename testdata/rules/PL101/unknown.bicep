// PL101 stays silent: the provider is unknown (a parameter without default),
// so it may be 'GitHub' or not; 2024-11-01 is enough for everything else.
param provider string

resource cfg 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'cfg'
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: provider
    }
  }
}
