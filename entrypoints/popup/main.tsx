import { mountPage } from '@/components/mount-page';
import { Popup } from '@/components/pages/Popup';

mountPage(<Popup />);
