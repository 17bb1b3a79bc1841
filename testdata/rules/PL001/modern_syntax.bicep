// PL001 stays silent: Bicep that tree-sitter-bicep 1.1.0 cannot read by itself
// (see grammars/bicep/bicep_compat.h). Each construct of the compatibility layer.
import {
  namingType
  tagsType as tags
} from 'types.bicep'
import {
  skuType,
} from 'types.bicep'
extension microsoftGraphV1
extension kubernetes with {
  namespace: 'flux-system'
  kubeConfig: ''
} as k8s

param resourceTags resourceInput<'Microsoft.Resources/resourceGroups@2024-03-01'>.tags?
param subnetIds resourceOutput<'Microsoft.Network/virtualNetworks@2024-05-01'>.properties.subnets[*].id[]
param naming namingType?
param accountName resourceInput<
  'Microsoft.Storage/storageAccounts@2023-01-01'
>.name
param extra object = {}

type poolType = {
  @description('Optional. The size (0=small, 1=medium).')
  size: (0 | 1)
  mode: ('System' | 'User')?
  labels: tags?
}?
type nextType = string

var comment string = '// not a comment'
var block = '/* not a comment either */'
var url = 'https://dev.azure.com/contoso/infra/_git/${naming!.name}//config'
var padded = '  leading spaces'
var names = [
  ...subnetIds
  naming!.name
]
var merged = {
  ...extra
  enabled: !empty(extra) && extra.?enabled! != false
}

func poolName(pool poolType?) string => pool!.mode ?? 'System'

output name string = naming!.name
output pool string = poolName(null)
