// `useExisting ? existing identity : new identity`: with the condition known, Flux
// runs as the new identity, which has no federated credential.
param useExisting bool = false
param existingIdentityName string = 'id-shared'
param pick string

resource aks 'Microsoft.ContainerService/managedClusters@2024-10-01' = {
  name: 'aks1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks1'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource shared 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: existingIdentityName
}

resource created 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux'
  location: 'westeurope'
}

resource ext 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      // expect: PL401 error 84-111
      'workloadIdentity.azureClientId': useExisting ? shared.properties.clientId : created.properties.clientId
    }
  }
}

// A condition patless cannot know: either identity, so nothing is reported.
resource aks2 'Microsoft.ContainerService/managedClusters@2024-10-01' = {
  name: 'aks2'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks2'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource ext2 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks2
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': pick == 'shared' ? shared.properties.clientId : created.properties.clientId
    }
  }
}
