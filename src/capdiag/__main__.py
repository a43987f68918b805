from capdiag.cli import main

main()
