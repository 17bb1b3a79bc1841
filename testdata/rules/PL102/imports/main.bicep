// Compile-time imports are read from the file they name: a named import, one
// under another name, a namespace (`* as`), and an import of an import. The
// last configuration imports from a file the scan does not have: unknown.
import { repositoryUrl, legacyProvider as oldProvider } from 'shared/settings.bicep'
import * as settings from 'shared/settings.bicep'
import { provider as missingProvider } from '../not-in-the-scan.bicep'

resource aks 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: 'aks-imports'
}

resource named 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  scope: aks
  name: 'named'
  properties: {
    gitRepository: {
      // expect: PL102 error 12-25
      url: repositoryUrl
    }
  }
}

resource renamed 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  scope: aks
  name: 'renamed'
  properties: {
    gitRepository: {
      url: repositoryUrl
      // expect: PL102 error 17-28
      provider: oldProvider
    }
  }
}

resource namespaced 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  scope: aks
  name: 'namespaced'
  properties: {
    gitRepository: {
      url: settings.repositoryUrl
      provider: settings.provider
    }
  }
}

resource unknown 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  scope: aks
  name: 'unknown'
  properties: {
    gitRepository: {
      url: settings.repositoryUrl
      provider: missingProvider
    }
  }
}
