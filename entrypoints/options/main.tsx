import { mountPage } from '@/components/mount-page';
import { Options } from '@/components/pages/Options';

mountPage(<Options />);
