// An identity module that makes a credential for each item of a nullable
// parameter, which the caller does not pass: no credential at all (fires).
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-nullable'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-nullable'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

module fluxIdentity 'identity.bicep' = {
  name: 'flux-identity'
  params: {
    name: 'id-flux-nullable'
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      // expect: PL401 error 41-70
      'workloadIdentity.azureClientId': fluxIdentity.outputs.clientId
    }
  }
}
