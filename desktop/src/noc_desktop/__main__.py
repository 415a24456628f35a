from noc_desktop.app import main

raise SystemExit(main())
