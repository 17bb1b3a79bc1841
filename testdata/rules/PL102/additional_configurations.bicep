// PL102 with fluxConfigurations 2026-07-01-preview: additionalConfigurations
// without a provider changes nothing.
resource otherSettings 'Microsoft.KubernetesConfiguration/fluxConfigurations@2026-07-01-preview' = {
  name: 'other-settings'
  properties: {
    gitRepository: {
      // expect: PL102 error 12-72
      url: 'https://dev.azure.com/contoso/app-team/_git/cluster-config'
      additionalConfigurations: {
        recurseSubmodules: true
      }
    }
  }
}
