// PL401 stays silent: the identity's federated credential is deployed by
// another file (credential.bicep), which reads the identity as `existing`.
// A pre-commit run that names this file must read that one too.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-credential-elsewhere'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'flux-credential-elsewhere'
  location: 'westeurope'
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
    }
  }
}
