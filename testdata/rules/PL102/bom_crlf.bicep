// BOM, CRLF and a multi-byte character: columns count code points.
resource cfg 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'café'
  properties: {
    gitRepository: {
      // expect: PL102 error 12-60
      url: 'https://dev.azure.com/contoso/café/_git/config'
    }
  }
}
