// Settings other files import. A file with only variables is outside the
// chain; it is read whole because a file of the chain imports from it.
import { organization } from 'organization.bicep'

@export()
var repositoryUrl = 'https://dev.azure.com/${organization}/infra/_git/config'

@export()
var legacyProvider = 'Generic'

@export()
var provider = 'Azure'
