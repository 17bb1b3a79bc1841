// The values are right here; dev.bicepparam sets them wrong.
param enableOidc bool = true
param fluxVersion string = '1.14.1'
param autoUpgrade bool = false
param settings object = {
  'workloadIdentity.enable': 'true'
  'workloadIdentity.azureClientId': '00000000-0000-0000-0000-000000000000'
}
param subject string = 'system:serviceaccount:flux-system:source-controller'

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-dev'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-dev'
    oidcIssuerProfile: { enabled: enableOidc }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: autoUpgrade
    version: fluxVersion
    configurationSettings: settings
  }
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'cluster-config'
  scope: aks
  dependsOn: [flux]
  properties: {
    sourceKind: 'GitRepository'
    gitRepository: { url: 'https://dev.azure.com/contoso/infra/_git/config', provider: 'Azure' }
  }
}
