// Carets under a line with wide characters, an emoji and a combining accent
// before the finding stand under it in a terminal: two columns for each wide
// character, none for the accent, four for a control character shown as \xNN.
resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  properties: {
    gitRepository: {
      /* 本番 🚀 café  */ url: 'https://dev.azure.com/contoso/platform/_git/cluster-config'
    }
  }
}
