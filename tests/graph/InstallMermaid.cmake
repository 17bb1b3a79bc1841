# cmake -DDEST=<dir> -P InstallMermaid.cmake
# Brings Mermaid's own parser (and jsdom, which it needs outside a browser) into
# DEST, so that a test can check `patless graph --format mermaid` parses.
if(EXISTS "${DEST}/node_modules/mermaid/package.json" AND EXISTS "${DEST}/node_modules/jsdom/package.json")
  return()
endif()
file(MAKE_DIRECTORY "${DEST}")
find_program(NPM npm REQUIRED)
execute_process(COMMAND "${NPM}" install --silent --no-audit --no-fund --prefix "${DEST}" mermaid@10.9.8 jsdom@22.1.0
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "npm install mermaid jsdom failed")
endif()
