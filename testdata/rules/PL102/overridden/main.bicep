// PL102 stays silent: main.bicepparam deploys this template with provider 'Azure', not the default.
param provider string = 'Generic'

resource cfg 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'cfg'
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: provider
    }
  }
}
